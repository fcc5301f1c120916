import { validateSettings } from './app-settings.js';

describe('settings', () => {
  it('default to the embedded store, port 3000 and demo data outside production', () => {
    expect(validateSettings({})).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      EVENT_STORE: 'sqlite',
      SQLITE_PATH: './data/rectify.db',
      EVENTSTORE_CONNECTION_STRING: undefined,
      DEMO_DATA: true,
      DUE_SOON_DAYS: 7,
    });
    expect(validateSettings({ NODE_ENV: 'production' }).DEMO_DATA).toBe(false);
  });

  it('select EventStoreDB with its connection string', () => {
    const settings = validateSettings({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' });
    expect(settings.EVENT_STORE).toBe('eventstoredb');
  });

  it('fail fast, naming every bad variable', () => {
    expect(() => validateSettings({ PORT: 'eighty', EVENT_STORE: 'postgres', DEMO_DATA: 'maybe', DUE_SOON_DAYS: '-1' })).toThrow(
      /PORT must be a whole number[\s\S]*EVENT_STORE must be one of sqlite, eventstoredb[\s\S]*DEMO_DATA must be true or false[\s\S]*DUE_SOON_DAYS must be a whole number/,
    );
    expect(() => validateSettings({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING is required/);
    expect(() => validateSettings({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://x' })).toThrow(
      /must start with esdb:\/\//,
    );
  });
});
