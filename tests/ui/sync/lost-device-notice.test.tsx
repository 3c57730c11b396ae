/**
 * Scenario 34 on screen: the dossier database of this device was deleted (only it: the settings
 * database stays, fake-indexeddb); at the next start the app says so, with the last sync time and
 * how many changes were waiting, says what to do, and goes away once acknowledged.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { RelaisDb } from '../../../src/db/app-db';
import { DEVICE_RECORD_KEY, DeviceRecordKeeper } from '../../../src/db/device-record';
import { DossierRepository } from '../../../src/db/repository';
import { SYNC_META, writeMeta } from '../../../src/db/sync-apply/meta';
import type { FieldsOf } from '../../../src/domain/dossier/rows';
import { locale } from '../../../src/i18n/i18n';
import { createAppState } from '../../../src/state/app-state';
import { createSyncService } from '../../../src/sync/sync-service';
import { App } from '../../../src/ui/app';
import { formatMoment } from '../../../src/ui/components/sync-format';
import { idleSchedulerEnv } from '../../sync/idle-scheduler-env';
import { makeTestState } from '../make-test-state';

afterEach(() => {
  locale.value = 'fr';
  window.history.replaceState(null, '', '/');
});

const household = { territory: 'metropole', departement: '69', housingStatus: 'tenant' } as never;
const applicant = {
  role: 'applicant',
  firstName: 'Aïcha',
  lastName: 'Benali',
  birthDate: '1984-05-12',
} as FieldsOf<'member'>;

const LAST_SYNC = Date.UTC(2026, 10, 25, 14, 30);

/** A device that synced at LAST_SYNC, then made a dossier offline (2 changes), then lost its database. */
async function evictedApp() {
  const base = makeTestState();
  const { db, repository, settings } = base;
  await repository.createHousehold(household, [applicant]);
  await writeMeta(db, SYNC_META.lastSyncAt, LAST_SYNC);
  await new DeviceRecordKeeper(db, settings).refresh();
  const oldest = (await db.outbox.orderBy('seq').first())?.createdAt ?? 0;
  const name = db.name;
  await db.delete();

  const fresh = new RelaisDb(name);
  const keeper = new DeviceRecordKeeper(fresh, settings);
  const state = createAppState({
    ...base.deps,
    workspace: { ...base.deps.workspace, repository: new DossierRepository(fresh, { appVersion: '1.2.3' }) },
    sync: createSyncService({
      db: fresh,
      fetch: async () => new Response('{}', { status: 503 }),
      appVersion: '1.2.3',
      env: idleSchedulerEnv,
      deviceRecord: keeper,
    }),
    deviceRecord: keeper,
  });
  await state.start();
  return { state, settings, fresh, oldest };
}

describe('lost device notice (scenario 34)', () => {
  it('says the data disappeared, when the device last synced, how many changes were waiting, and what to do', async () => {
    const { state, oldest } = await evictedApp();
    render(<App state={state} />);
    const notice = await screen.findByTestId('lost-device-notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(
      within(notice).getByRole('heading', { name: 'Les données de cet appareil ont disparu' }),
    ).toBeTruthy();
    expect(notice.textContent).toContain(`Dernière synchronisation réussie : ${formatMoment(LAST_SYNC)}.`);
    expect(notice.textContent).toContain(
      `2 modifications n’avaient pas encore été envoyées (la plus ancienne faite le ${formatMoment(oldest)})`,
    );
    expect(notice.textContent).toContain('Connectez-vous à nouveau');
    expect(notice.textContent).toContain('« Importer un fichier de dossiers »');
    expect(within(notice).getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/login');
  });

  it('goes away when acknowledged, for good, and the device record then describes the new device', async () => {
    const { state, settings, fresh } = await evictedApp();
    render(<App state={state} />);
    const notice = await screen.findByTestId('lost-device-notice');
    fireEvent.click(within(notice).getByRole('button', { name: 'J’ai compris' }));
    await waitFor(() => expect(screen.queryByTestId('lost-device-notice')).toBeNull());
    // The new device has no id yet (nothing written): the record names nobody.
    expect(await settings.get(DEVICE_RECORD_KEY)).toBeUndefined();
    const restarted = createAppState({
      ...makeTestState().deps,
      settings,
      deviceRecord: new DeviceRecordKeeper(fresh, settings),
    });
    await restarted.start();
    expect(restarted.deviceLoss.lost.value).toBeNull();
  });

  it('is in English too, and axe-core finds no violation', async () => {
    const { state } = await evictedApp();
    locale.value = 'en';
    const { container } = render(<App state={state} />);
    const notice = await screen.findByTestId('lost-device-notice');
    expect(notice.textContent).toContain('The data on this device has disappeared');
    expect(notice.textContent).toContain('2 changes had not been sent yet');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('is not raised by a change of user the person asked for, nor at later reloads; the next login reports no lost device', async () => {
    const base = makeTestState();
    const { db, settings } = base;
    await base.repository.createHousehold(household, [applicant]);
    // Everything was sent (the outbox is empty), as the change of user requires.
    await db.outbox.clear();
    await writeMeta(db, SYNC_META.lastSyncAt, LAST_SYNC);
    const appOn = (keeper: DeviceRecordKeeper) =>
      createAppState({
        ...base.deps,
        sync: createSyncService({
          db,
          fetch: async () => new Response(null, { status: 204 }),
          appVersion: '1.2.3',
          env: idleSchedulerEnv,
          deviceRecord: keeper,
        }),
        deviceRecord: keeper,
      });
    const keeper = new DeviceRecordKeeper(db, settings);
    await keeper.refresh();
    const state = appOn(keeper);
    await state.start();
    const { unmount } = render(<App state={state} />);
    expect(await state.sync.switchUser()).toEqual({ ok: true });
    await screen.findByRole('main');
    expect(screen.queryByTestId('lost-device-notice')).toBeNull();
    unmount();
    for (const _reload of [1, 2]) {
      const again = new DeviceRecordKeeper(db, settings);
      const restarted = appOn(again);
      await restarted.start();
      const view = render(<App state={restarted} />);
      await screen.findByRole('main');
      expect(screen.queryByTestId('lost-device-notice')).toBeNull();
      // What the next login would name to the server as a lost device (DEV1): nothing.
      expect(await again.previousDeviceId()).toBeUndefined();
      view.unmount();
      restarted.sync.stop();
    }
    state.sync.stop();
  });

  it('is not shown on a device that never lost its database', async () => {
    const base = makeTestState();
    await base.repository.createHousehold(household, [applicant]);
    const keeper = new DeviceRecordKeeper(base.db, base.settings);
    await keeper.refresh();
    const state = createAppState({ ...base.deps, deviceRecord: keeper });
    await state.start();
    render(<App state={state} />);
    await screen.findByRole('main');
    expect(screen.queryByTestId('lost-device-notice')).toBeNull();
  });
});
