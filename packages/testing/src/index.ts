/**
 * `@freddy/testing`: the test plumbing the workspace's packages share, so
 * each is written once.
 */
export { type AxeFinding, auditAccessibility, WCAG_AA_TAGS } from './axe.js';
export {
  checkPage,
  closeCheckedPages,
  launchChromium,
  offOriginRequests,
  openPage,
  type PageView,
  type RecordedPage,
  requireChromiumOrSkip,
} from './browser.js';
export { type AnswerLoss, type Forwarded, type LossyProxy, startLossyProxy } from './lossy-proxy.js';
export { ensureRuntime, nodeRuntime, type Runtime } from './runtimes.js';
export { type SandboxHandle, useSandbox, withSandbox } from './sandbox.js';
export { type TypecheckOptions, type TypecheckResult, typecheck } from './typecheck.js';
