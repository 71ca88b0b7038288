// Renderer selection: software rasterizers are told from GPUs by name, `auto` picks WebGL2 only on
// a GPU, and a forced choice never probes.
import { describe, expect, it, vi } from 'vitest';
import { chooseRenderer, gpuName, isSoftwareRenderer } from './renderer-choice';

// Renderer strings as browsers report them (UNMASKED_RENDERER_WEBGL, or RENDERER in Firefox).
const SOFTWARE = [
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
  'Google SwiftShader',
  'ANGLE (Google, SwiftShader Device (Subzero), SwiftShader driver)',
  'llvmpipe (LLVM 15.0.6, 256 bits)',
  'Mesa/X.org, llvmpipe (LLVM 12.0.0, 256 bits)',
  'softpipe',
  'ANGLE (Mesa, lavapipe (LLVM 15.0.6, 256 bits), Vulkan 1.3)',
  'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
  'Apple Software Renderer',
];
const HARDWARE = [
  'ANGLE (NVIDIA, NVIDIA GeForce RTX 3070 (0x00002484) Direct3D11 vs_5_0 ps_5_0, D3D11)',
  'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
  'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
  'Apple GPU',
  'Adreno (TM) 640',
  'Mali-G78',
  'AMD Radeon Pro 5500M OpenGL Engine',
];

describe('software renderer detection', () => {
  it.each(SOFTWARE)('knows %j for a software rasterizer', (name) => {
    expect(isSoftwareRenderer(name)).toBe(true);
  });

  it.each(HARDWARE)('takes %j for a GPU', (name) => {
    expect(isSoftwareRenderer(name)).toBe(false);
  });
});

describe('choosing a renderer', () => {
  it('picks WebGL2 automatically on a GPU only', () => {
    expect(chooseRenderer('auto', () => HARDWARE[0]!)).toBe('webgl2');
    expect(chooseRenderer('auto', () => SOFTWARE[0]!)).toBe('canvas2d');
  });

  it('keeps Canvas 2D without WebGL2', () => {
    expect(chooseRenderer('auto', () => null)).toBe('canvas2d');
  });

  it('follows an override without probing the GPU', () => {
    const probe = vi.fn(() => SOFTWARE[0]!);
    expect(chooseRenderer('webgl2', probe)).toBe('webgl2');
    expect(chooseRenderer('canvas2d', () => HARDWARE[0]!)).toBe('canvas2d');
    expect(probe).not.toHaveBeenCalled();
  });
});

describe('the GPU name', () => {
  it("asks the debug extension only when RENDERER is Chromium's or Safari's mask", () => {
    const unmasked = vi.fn(() => 'Apple GPU');
    expect(gpuName('WebKit WebGL', unmasked)).toBe('Apple GPU');
    expect(gpuName('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620, OpenGL 4.6)', unmasked)).toContain('Intel');
    expect(unmasked).toHaveBeenCalledTimes(1);
  });

  it('keeps the masked name when the extension is unavailable', () => {
    expect(gpuName('WebKit WebGL', () => null)).toBe('WebKit WebGL');
  });
});
