/** A uuid in its usual written form, as the routes' schemas and `isUuid` accept it. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);

/** Ids come from URLs and forms: anything but a uuid would make PostgreSQL raise instead of finding nothing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
