/** The key-encryption key (RECOURSE_KEK) of test processes: 32 fixed bytes, never for production. */
export const TEST_KEK = Buffer.alloc(32, 'recourse-test-kek').toString('base64');
