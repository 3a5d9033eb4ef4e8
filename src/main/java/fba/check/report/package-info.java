/**
 * What a check says: causes by signature, the hint about a profile mismatch, exit statuses and the
 * report format, and the merge of shards' reports. Uses {@code check.drive} and below (floors: see
 * {@code fba.check}).
 */
package fba.check.report;
