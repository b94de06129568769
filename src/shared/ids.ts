const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything but a uuid would make PostgreSQL raise instead of finding nothing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
