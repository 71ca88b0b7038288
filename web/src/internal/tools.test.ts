import { describe, expect, it } from 'vitest';
import { TOOL_KEYS, TOOL_LABELS, TOOL_TIPS, TOOLS, isJointTool, isShapeTool } from './tools';

describe('the tools', () => {
  it('each have a label, a tip and a key of their own that no other shortcut uses', () => {
    const keys = TOOLS.map((t) => TOOL_KEYS[t]);
    expect(new Set(keys).size).toBe(TOOLS.length);
    // The element's other single-key shortcuts: play, step, reset, debug, link, motor, follow.
    for (const taken of ['p', 'o', 'r', 'd', 'l', 'm', 'f']) expect(keys).not.toContain(taken);
    for (const tool of TOOLS) {
      expect(TOOL_LABELS[tool].length).toBeGreaterThan(0);
      expect(TOOL_TIPS[tool].length).toBeGreaterThan(10);
    }
  });

  it('sort shape and joint tools', () => {
    expect(TOOLS.filter(isShapeTool)).toEqual(['ball', 'box', 'capsule']);
    expect(TOOLS.filter(isJointTool)).toEqual(['pin', 'weld', 'rope', 'spring']);
  });
});
