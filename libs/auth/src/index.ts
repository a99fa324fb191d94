export * from './roles';
export * from './token-verifier';
export * from './mint-token';
export {
  Public,
  Roles,
  CurrentActor,
  IS_PUBLIC,
  ALLOWED_ROLES,
  ACTOR_KEY,
  type RequestWithActor,
} from './decorators';
export { AuthGuard } from './auth.guard';
export { AuthModule } from './auth.module';
