package dev.trafficlab.server.durable;

/**
 * The Lua scripts {@link RedisVault} runs with EVAL: each one a few commands Redis applies
 * atomically, so a compare-and-set, the page-key index and the announcement of a change can never
 * be seen half done by another server.
 */
final class RedisScripts {
  private RedisScripts() {}

  /**
   * KEYS: sandbox hash, page-key string, fate string, version string. ARGV: expected version, new
   * version, page key, last used (epoch ms), state, TTL (ms), channel, announcement, sandbox id,
   * how long the fate outlives the sandbox (ms). Answers -1 when stored, else the version that is
   * stored (0: none), which differs from the expected one. The fate says "stored" until a removal
   * says otherwise; a sandbox gone while its fate still says so has expired. The version is also
   * kept alone, for the servers' freshness checks to read many at once with MGET.
   */
  static final String SAVE =
      """
      local stored = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
      if stored ~= tonumber(ARGV[1]) then
        return stored
      end
      redis.call('HSET', KEYS[1], 'version', ARGV[2], 'pageKey', ARGV[3], 'lastUsedAt', ARGV[4],
                 'state', ARGV[5])
      redis.call('PEXPIRE', KEYS[1], ARGV[6])
      redis.call('SET', KEYS[2], ARGV[9], 'PX', ARGV[6])
      redis.call('SET', KEYS[3], 'stored', 'PX', tonumber(ARGV[6]) + tonumber(ARGV[10]))
      redis.call('SET', KEYS[4], ARGV[2], 'PX', ARGV[6])
      redis.call('PUBLISH', ARGV[7], ARGV[8])
      return -1
      """;

  /**
   * KEYS: sandbox hash, fate string, version string. ARGV: last used (epoch ms), idle timeout (ms),
   * page-key prefix, how long the fate outlives the sandbox (ms). Moves the last use forward (never
   * back: servers report uses late and out of order) and makes the sandbox and its page key expire
   * one idle timeout after it, its fate that much later; 0 when there is no such sandbox.
   */
  static final String TOUCH =
      """
      local fields = redis.call('HMGET', KEYS[1], 'pageKey', 'lastUsedAt')
      if not fields[1] then
        return 0
      end
      local last = math.max(tonumber(fields[2] or '0'), tonumber(ARGV[1]))
      redis.call('HSET', KEYS[1], 'lastUsedAt', last)
      redis.call('PEXPIREAT', KEYS[1], last + tonumber(ARGV[2]))
      redis.call('PEXPIREAT', ARGV[3] .. fields[1], last + tonumber(ARGV[2]))
      redis.call('PEXPIREAT', KEYS[2], last + tonumber(ARGV[2]) + tonumber(ARGV[4]))
      redis.call('PEXPIREAT', KEYS[3], last + tonumber(ARGV[2]))
      return 1
      """;

  /**
   * KEYS: sandbox hash, fate string, version string. ARGV: page-key prefix, channel, announcement,
   * why (the fate), how long the fate is kept (ms). Removes the sandbox and its page key, keeping
   * why; 1 when there was one.
   */
  static final String REMOVE =
      """
      local pageKey = redis.call('HGET', KEYS[1], 'pageKey')
      if not pageKey then
        return 0
      end
      redis.call('DEL', KEYS[1], KEYS[3], ARGV[1] .. pageKey)
      redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
      redis.call('PUBLISH', ARGV[2], ARGV[3])
      return 1
      """;

  /**
   * KEYS: sandbox hash, its change lock. ARGV: this turn's token, the lock's TTL (ms). Takes the
   * lock when no server holds it and answers the stored version (0: none); -1 when it is held.
   */
  static final String BEGIN_CHANGE =
      """
      if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
        return -1
      end
      return tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
      """;

  /** KEYS: a change lock. ARGV: the turn's token. Frees the lock if this turn still holds it. */
  static final String END_CHANGE =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('DEL', KEYS[1])
      end
      return 0
      """;

  /**
   * KEYS: the counter of this address and window. ARGV: window (ms). Counts one creation; the
   * counter lives as long as its window.
   */
  static final String COUNT =
      """
      local count = redis.call('INCR', KEYS[1])
      if count == 1 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
      end
      return count
      """;

  /**
   * KEYS: sandbox hash, fate string. The fate when the sandbox is not stored (nil when it never
   * was, or long ago), an empty string when it is.
   */
  static final String GONE =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then
        return ''
      end
      return redis.call('GET', KEYS[2])
      """;
}
