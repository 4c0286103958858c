package dev.conduit.session.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The store's Lua scripts: each runs atomically in Redis, so reading a session and taking its lock, or comparing a
 * lock id and writing, is one step no other instance can interleave with.
 *
 * <p>Keys: {@code KEYS[1]} the session hash ({@code data}, {@code timeout} in ms, {@code init} "1" for an item never
 * saved, {@code last} the last lock id), {@code KEYS[2]} the lock string {@code "<lockId>:<µs taken>"}. Times come
 * from Redis's {@code TIME}, never from a web server's clock. A lock id is the acquiring moment in microseconds, raised
 * above the session's previous one when needed: unique per session and increasing, a fencing token. Every script
 * slides the hash's expiry by its timeout; the lock expires with the session at the latest (the session module
 * takes an old lock over after {@code executionTimeout}, by the lock age these scripts report). Releases {@code
 * PUBLISH} the session id on {@code ARGV[1]}, the application's channel, in the same step.
 */
final class Scripts {
    private Scripts() {}

    /** Shared by the scripts: the time in µs and a lock's id and age. */
    private static final String PRELUDE =
            """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local function lockid(lock)
              return string.sub(lock, 1, string.find(lock, ':', 1, true) - 1)
            end
            """;

    /**
     * Reads a session, taking its lock when {@code ARGV[1]} is "1". Returns {@code {0}} when missing, {@code {2,
     * lockId, ageMicros}} when locked, else {@code {1, lockId or "0", data or nil, init or nil}}.
     */
    static final Script GET = new Script(
            PRELUDE
                    + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local timeout = tonumber(redis.call('HGET', KEYS[1], 'timeout'))
            redis.call('PEXPIRE', KEYS[1], timeout)
            local lock = redis.call('GET', KEYS[2])
            if lock then
              local at = tonumber(string.sub(lock, string.find(lock, ':', 1, true) + 1))
              return {2, lockid(lock), now - at}
            end
            local data = redis.call('HGET', KEYS[1], 'data')
            local init = redis.call('HGET', KEYS[1], 'init')
            if ARGV[1] ~= '1' then return {1, '0', data, init} end
            local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
            local id = now
            if id <= last then id = last + 1 end
            local ids = string.format('%.0f', id)
            redis.call('HSET', KEYS[1], 'last', ids)
            redis.call('SET', KEYS[2], ids .. ':' .. string.format('%.0f', now), 'PX', timeout)
            return {1, ids, data, init}
            """);

    /**
     * Saves and unlocks: {@code ARGV} = channel, session id, lock id, data, timeout ms, "1" for a new item (written
     * whatever is there, lock id ignored). Returns 1, or 0 when the lock id is not the session's lock (nothing
     * written).
     */
    static final Script SET_AND_RELEASE = new Script(
            PRELUDE
                    + """
            if ARGV[6] ~= '1' then
              local lock = redis.call('GET', KEYS[2])
              if not lock or lockid(lock) ~= ARGV[3] then return 0 end
            end
            redis.call('HSET', KEYS[1], 'data', ARGV[4], 'timeout', ARGV[5], 'init', '0')
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('DEL', KEYS[2])
            redis.call('PUBLISH', ARGV[1], ARGV[2])
            return 1
            """);

    /** Unlocks without saving: {@code ARGV} = channel, session id, lock id. Returns 1, or 0 for a stale lock id. */
    static final Script RELEASE = new Script(
            PRELUDE
                    + """
            local lock = redis.call('GET', KEYS[2])
            if not lock or lockid(lock) ~= ARGV[3] then return 0 end
            redis.call('DEL', KEYS[2])
            local timeout = redis.call('HGET', KEYS[1], 'timeout')
            if timeout then redis.call('PEXPIRE', KEYS[1], tonumber(timeout)) end
            redis.call('PUBLISH', ARGV[1], ARGV[2])
            return 1
            """);

    /**
     * Removes a session: {@code ARGV} = channel, session id, lock id ("0": only when unlocked). Returns 1 (removed, or
     * nothing to remove), or 0 when another lock holds it.
     */
    static final Script REMOVE = new Script(
            PRELUDE
                    + """
            local lock = redis.call('GET', KEYS[2])
            if lock and lockid(lock) ~= ARGV[3] then return 0 end
            if not lock and ARGV[3] ~= '0' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('DEL', KEYS[1], KEYS[2])
            redis.call('PUBLISH', ARGV[1], ARGV[2])
            return 1
            """);

    /** Slides a session's expiry. */
    static final Script RESET_TIMEOUT = new Script(
            """
            local timeout = redis.call('HGET', KEYS[1], 'timeout')
            if timeout then redis.call('PEXPIRE', KEYS[1], tonumber(timeout)) end
            return 1
            """);

    /** Reserves an id: {@code ARGV[1]} = timeout ms; does nothing when the session exists. */
    static final Script CREATE_UNINITIALIZED = new Script(
            """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'timeout', ARGV[1], 'init', '1')
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /**
     * A script and its SHA-1, as {@code EVALSHA} names it.
     *
     * @param text the Lua source
     * @param sha its SHA-1 in hex
     */
    record Script(String text, String sha) {
        Script(String text) {
            this(text, sha1(text));
        }

        private static String sha1(String text) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
