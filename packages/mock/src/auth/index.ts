export { checkCredentials, hasCredentials, readKeyFile, type AuthRefusal, type MockCredentials } from "./credentials.js";
export { verifySignedRequest, type IncomingRequestLike, type VerifyOptions, type VerifyResult } from "./verify.js";
