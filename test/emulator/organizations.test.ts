import { describe, expect, it } from 'vitest';
import { failure, sdkFor, startTestEmulator } from '../helpers/emulator.js';

describe('emulator: OrganizationService through the SDK', () => {
  it('creates, reads by id and external id, updates metadata and deletes an organization', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    const created = (await sk.organization.createOrganization('Acme Corp', { externalId: 'legacy-org-1' })).organization!;
    expect(created.id).toMatch(/^org_\d+$/);
    expect(created).toMatchObject({ displayName: 'Acme Corp', externalId: 'legacy-org-1', metadata: {} });

    expect((await sk.organization.getOrganization(created.id)).organization).toMatchObject({ id: created.id, displayName: 'Acme Corp' });
    expect((await sk.organization.getOrganizationByExternalId('legacy-org-1')).organization?.id).toBe(created.id);

    const updated = (await sk.organization.updateOrganization(created.id, { displayName: 'Acme Inc', metadata: { legacy_plan: 'enterprise' } })).organization!;
    expect(updated).toMatchObject({ displayName: 'Acme Inc', metadata: { legacy_plan: 'enterprise' }, externalId: 'legacy-org-1' });
    // Fields left out of an update stay as they are (the SDK sends metadata {} when not given).
    await sk.organization.updateOrganizationByExternalId('legacy-org-1', { displayName: 'Acme' });
    expect(emulator.state().organizations).toEqual([
      expect.objectContaining({ id: created.id, display_name: 'Acme', external_id: 'legacy-org-1', metadata: { legacy_plan: 'enterprise' } }),
    ]);

    await sk.organization.deleteOrganization(created.id);
    expect((await failure(sk.organization.getOrganization(created.id))).grpcStatus).toBe(5);
    expect(emulator.state().organizations).toEqual([]);
    expect(emulator.counters().methods).toMatchObject({ CreateOrganization: 1, UpdateOrganization: 2, DeleteOrganization: 1 });
  });

  it('answers NOT_FOUND (gRPC 5) with a message naming what was looked up', async () => {
    const sk = sdkFor(await startTestEmulator());
    const byId = await failure(sk.organization.getOrganization('org_404'));
    expect(byId.grpcStatus).toBe(5);
    expect(byId.errorCode).toBe('ORGANIZATION_NOT_FOUND');
    expect(byId.message).toContain('organization with id "org_404" not found');
    const byExternal = await failure(sk.organization.getOrganizationByExternalId('nope'));
    expect(byExternal.constructor.name).toBe('ScalekitNotFoundException');
    expect(byExternal.message).toContain('external_id "nope"');
  });

  it('keeps external_id unique: a second organization with it is ALREADY_EXISTS with ErrorInfo', async () => {
    const sk = sdkFor(await startTestEmulator());
    const first = (await sk.organization.createOrganization('One', { externalId: 'dup' })).organization!;
    const error = await failure(sk.organization.createOrganization('Two', { externalId: 'dup' }));
    expect(error.constructor.name).toBe('ScalekitConflictException');
    expect(error.grpcStatus).toBe(6);
    expect(error.errorCode).toBe('ORGANIZATION_EXTERNAL_ID_ALREADY_EXISTS');
    expect(error.message).toContain(first.id);
    const other = (await sk.organization.createOrganization('Other', { externalId: 'other' })).organization!;
    expect((await failure(sk.organization.updateOrganization(other.id, { externalId: 'dup' }))).grpcStatus).toBe(6);
  });

  it('enforces the documented limits: display_name 1-200, metadata keys 3-25, values 1-256, at most 10 pairs', async () => {
    const sk = sdkFor(await startTestEmulator());
    const tooLong = await failure(sk.organization.createOrganization('x'.repeat(201)));
    expect(tooLong.grpcStatus).toBe(3);
    expect(tooLong.message).toContain('organization.display_name: must be between 1 and 200 characters long (got 201)');
    expect((await failure(sk.organization.createOrganization(''))).message).toContain('organization.display_name');
    expect((await sk.organization.createOrganization('x'.repeat(200))).organization?.displayName).toHaveLength(200);

    const org = (await sk.organization.createOrganization('Limits')).organization!;
    const shortKey = await failure(sk.organization.updateOrganization(org.id, { metadata: { ab: 'v' } }));
    expect(shortKey.message).toContain('organization.metadata key "ab": must be between 3 and 25 characters long');
    const longValue = await failure(sk.organization.updateOrganization(org.id, { metadata: { key: 'v'.repeat(257) } }));
    expect(longValue.message).toContain('organization.metadata["key"]: must be between 1 and 256 characters long (got 257)');
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key_${i}`, 'v']));
    expect((await failure(sk.organization.updateOrganization(org.id, { metadata: eleven }))).message).toContain('at most 10 pairs');
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`key_${i}`, 'v']));
    expect(Object.keys((await sk.organization.updateOrganization(org.id, { metadata: ten })).organization!.metadata)).toHaveLength(10);
  });

  it('lists with page size 10-100, page tokens and the external_id filter', async () => {
    const sk = sdkFor(await startTestEmulator());
    for (let i = 0; i < 25; i++) await sk.organization.createOrganization(`Org ${i}`, { externalId: `ext-${i}` });
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await sk.organization.listOrganization({ pageSize: 10, pageToken });
      expect(page.totalSize).toBe(25);
      seen.push(...page.organizations.map((o) => o.externalId!));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `ext-${i}`));
    expect((await sk.organization.listOrganization()).organizations).toHaveLength(10); // default page size

    const filtered = await sk.organization.listOrganization({ externalId: 'ext-7' } as never);
    expect(filtered.organizations.map((o) => o.displayName)).toEqual(['Org 7']);

    expect((await failure(sk.organization.listOrganization({ pageSize: 5 }))).message).toContain('page_size: must be between 10 and 100 (got 5)');
    expect((await failure(sk.organization.listOrganization({ pageSize: 101 }))).grpcStatus).toBe(3);
    expect((await failure(sk.organization.listOrganization({ pageSize: 10, pageToken: 'garbage' }))).message).toContain('page_token');
  });
});
