package io.divconq.common.async;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An input record whose job has not finished, as kept in the changelogged pending store:
 * enough to re-deserialise and re-issue it after a crash, and to dead-letter its original bytes.
 * {@code flags}: {@link #SIDE} for the entry of the record's side job (stored under {@link #storeKey}),
 * {@link #SIDE_SKIPPED} on the record's own entry when its side job was skipped.
 */
record PendingEntry(String topic, int partition, long offset, byte[] key, byte[] value, int replays, int flags) {

    static final int SIDE = 1;
    static final int SIDE_SKIPPED = 2;

    PendingEntry(String topic, int partition, long offset, byte[] key, byte[] value, int replays) {
        this(topic, partition, offset, key, value, replays, 0);
    }

    boolean side() {
        return (flags & SIDE) != 0;
    }

    boolean sideSkipped() {
        return (flags & SIDE_SKIPPED) != 0;
    }

    PendingEntry withFlag(int flag) {
        return new PendingEntry(topic, partition, offset, key, value, replays, flags | flag);
    }

    /** The pending-store key: the offset for the record's own job, -(offset + 1) for its side job. */
    long storeKey() {
        return side() ? -offset - 1 : offset;
    }

    byte[] encode() {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int kl = key == null ? -1 : key.length;
        int vl = value == null ? -1 : value.length;
        ByteBuffer b = ByteBuffer.allocate(4 + t.length + 4 + 8 + 4 + Math.max(kl, 0) + 4 + Math.max(vl, 0) + 4 + 4);
        b.putInt(t.length).put(t).putInt(partition).putLong(offset);
        b.putInt(kl);
        if (key != null) b.put(key);
        b.putInt(vl);
        if (value != null) b.put(value);
        b.putInt(replays).putInt(flags);
        return b.array();
    }

    static PendingEntry decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] t = new byte[b.getInt()];
        b.get(t);
        int partition = b.getInt();
        long offset = b.getLong();
        byte[] key = readBytes(b);
        byte[] value = readBytes(b);
        int replays = b.remaining() >= 4 ? b.getInt() : 0; // entries written before the replay count have none
        int flags = b.remaining() >= 4 ? b.getInt() : 0; // nor those written before side jobs
        return new PendingEntry(new String(t, StandardCharsets.UTF_8), partition, offset, key, value, replays, flags);
    }

    private static byte[] readBytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0) return null;
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }
}
