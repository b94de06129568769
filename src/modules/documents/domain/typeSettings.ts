/** What an administrator may set on a document type: the bounds the database also checks. */
export const MAX_VALIDITY_MONTHS = 120;
export const MAX_KEEP_EXPIRED_DAYS = 3650;
export const MAX_TYPE_NAME = 120;
export const MAX_TYPE_DESCRIPTION = 500;
