/** Password hashing with bcrypt (bcryptjs, pure JavaScript). */
import bcrypt from 'bcryptjs';

/** bcrypt hash of a password that no one can type; compared against when the username is unknown. */
const UNKNOWN_USER_HASH = bcrypt.hashSync('unknown-user-placeholder', 10);

/**
 * Checks `password` against a bcrypt hash. With no hash (unknown user) it still runs one
 * comparison, so the response time does not tell which usernames exist.
 */
export async function checkPassword(password: string, hash: string | null): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? UNKNOWN_USER_HASH);
  return hash !== null && matches;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
