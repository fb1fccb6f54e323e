/**
 * Which of a usage metric's granularities to read when a library uploaded several (monthly reports
 * beside daily door counts): monthly first, then weekly, then daily, never two added together.
 */
export const PERIOD_PREFERENCE = `CASE period WHEN 'month' THEN 0 WHEN 'week' THEN 1 WHEN 'day' THEN 2 ELSE 3 END`;
