/**
 * The rule of the repository's `unread()` on a request already loaded: a family message later than the
 * last time an agent opened the request, what the queue marks « Message non lu ».
 */
export function isUnread(request: { lastFamilyMessageAt: Date | null; agentsReadAt: Date | null }): boolean {
  const { lastFamilyMessageAt, agentsReadAt } = request;
  return lastFamilyMessageAt !== null && (agentsReadAt === null || lastFamilyMessageAt > agentsReadAt);
}
