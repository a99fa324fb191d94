import IORedis, { type Redis } from 'ioredis';

/** BullMQ needs maxRetriesPerRequest: null on connections that block (workers). */
export const openRedis = (url: string): Redis => new IORedis(url, { maxRetriesPerRequest: null });
