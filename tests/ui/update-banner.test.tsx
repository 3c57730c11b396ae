import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app';
import { makeTestState } from './make-test-state';

describe('Update banner (prompt mode)', () => {
  it('is hidden until a new version waits, then applies it only on click', async () => {
    const { state } = makeTestState();
    render(<App state={state} />);
    expect(screen.queryByTestId('update-banner')).toBeNull();
    let applied = 0;
    act(() =>
      state.update.offer({
        applyUpdate: async () => {
          applied += 1;
        },
      }),
    );
    expect(screen.getByTestId('update-banner').textContent).toContain('nouvelle version');
    expect(applied).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Mettre à jour' }));
    await waitFor(() => expect(applied).toBe(1));
  });

  it('writes pending drafts to the device before applying the update', async () => {
    const { state, settings } = makeTestState();
    render(<App state={state} />);
    const order: string[] = [];
    const realSet = settings.set;
    // The draft write is held until the click has been handled: an update applied without
    // waiting for it would come first.
    let writeDraft: () => void = () => {};
    const clickHandled = new Promise<void>((resolve) => {
      writeDraft = resolve;
    });
    settings.set = async (key, value) => {
      await clickHandled;
      await realSet(key, value);
      order.push(`saved ${key}`);
    };
    act(() => state.update.offer({ applyUpdate: async () => void order.push('applied') }));
    void state.deviceSettings.edit('Tablette en cours');
    fireEvent.click(screen.getByRole('button', { name: 'Mettre à jour' }));
    writeDraft();
    await waitFor(() => expect(order).toEqual(['saved draft:device-settings', 'applied']));
  });

  it('does not apply the update when a draft could not be written, and says so', async () => {
    const { state, settings } = makeTestState();
    render(<App state={state} />);
    settings.set = async () => {
      throw new Error('disk full');
    };
    let applied = false;
    act(() =>
      state.update.offer({
        applyUpdate: async () => {
          applied = true;
        },
      }),
    );
    state.deviceSettings.edit('x').catch(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Mettre à jour' }));
    expect(await screen.findByText('La mise à jour n’a pas pu être appliquée. Réessayez.')).toBeTruthy();
    expect(applied).toBe(false);
  });
});
