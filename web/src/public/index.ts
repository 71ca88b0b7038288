// Tumble's library entry (`npm run build:lib` → dist/tumble.js). Importing it defines
// <tumble-sandbox>; a second import, or a second copy of the library, leaves the first definition
// in place.

import { defineTumbleSandbox } from '../element/tumble-sandbox';

export {
  TAG,
  TumbleSandboxElement,
  defineTumbleSandbox,
  type ContactDetail,
  type ContactEvent,
  type ErrorDetail,
  type StepDetail,
  type TumbleSandboxEventMap,
} from '../element/tumble-sandbox';
export type { Interactive } from '../element/attributes';
export { TumbleView } from './view';
export type { TumbleViewOptions, ViewState } from './options';
export type { RendererChoice, RendererKind } from '../internal/renderer-choice';
export { loadEngine, simdSupported, Engine, EngineModule, Snapshot, type Flavour, type LoadOptions, type SceneSource, type FrameViews } from '../internal/engine';
export { TumbleError, PANIC_CODE, FREED_CODE } from '../internal/errors';
export * as layout from '../internal/layout';
export type { BodyDesc, CameraHint, JointDesc, PresetInfo, Scene, Settings } from '../internal/types';

defineTumbleSandbox();
