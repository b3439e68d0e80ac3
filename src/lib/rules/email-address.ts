/** The longest email address a mail system accepts (RFC 5321's path limit less the brackets), in characters. */
export const EMAIL_MAX_LENGTH = 254;
