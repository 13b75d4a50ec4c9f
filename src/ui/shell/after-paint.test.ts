import { holdIdle, whenIdle } from './after-paint';

describe('reads that wait for the browser to be idle', () => {
  it('wait while a screen is opening, and go once every screen is painted', async () => {
    const order: string[] = [];
    const first = holdIdle();
    const second = holdIdle();
    const read = whenIdle().then(() => order.push('read'));
    await new Promise((r) => setTimeout(r, 30));
    first();
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual([]);
    order.push('painted');
    second();
    await read;
    expect(order).toEqual(['painted', 'read']);
    // Released twice: counted once.
    second();
    await whenIdle();
  });

  it('do not wait for a screen that never says it is painted beyond its limit', async () => {
    holdIdle(40);
    const started = Date.now();
    await whenIdle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });
});
