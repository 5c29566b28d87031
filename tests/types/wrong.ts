// Misuses the declarations must refuse: each line is marked as an
// expected error, so `tsc` fails if a declaration grows too loose.
import { mount } from '../../www/tensor-playground.js';

export async function wrong(root: HTMLElement): Promise<void> {
  // @ts-expect-error an unknown panel
  await mount(root, { panels: ['grids'] });
  // @ts-expect-error the step is a number
  await mount(root, { lesson: 'reductions', step: '2' });
  // @ts-expect-error no such option
  await mount(root, { colour: 'red' });
  const playground = await mount(root);
  // @ts-expect-error no such event
  playground.on('hover', () => {});
  // @ts-expect-error a select message has no code
  playground.on('select', (m) => m.code);
}
