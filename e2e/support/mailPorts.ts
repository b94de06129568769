/** The fixed loopback ports of the browser tests' mail sink (e2e/support/mailSink.ts). */
export const MAIL_SINK_SMTP_PORT = 2526;
export const MAIL_SINK_HTTP_PORT = 3218;
