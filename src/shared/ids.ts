/** A uuid in its usual written form. */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Ids come from URLs and forms: anything but a uuid would make PostgreSQL raise instead of finding nothing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
