package io.divconq.common.async;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An input record whose job has not finished, as kept in the changelogged pending store:
 * enough to re-deserialise and re-issue it after a crash, and to dead-letter its original bytes.
 */
record PendingEntry(String topic, int partition, long offset, byte[] key, byte[] value, int replays) {

    byte[] encode() {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int kl = key == null ? -1 : key.length;
        int vl = value == null ? -1 : value.length;
        ByteBuffer b = ByteBuffer.allocate(4 + t.length + 4 + 8 + 4 + Math.max(kl, 0) + 4 + Math.max(vl, 0) + 4);
        b.putInt(t.length).put(t).putInt(partition).putLong(offset);
        b.putInt(kl);
        if (key != null) b.put(key);
        b.putInt(vl);
        if (value != null) b.put(value);
        b.putInt(replays);
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
        return new PendingEntry(new String(t, StandardCharsets.UTF_8), partition, offset, key, value, replays);
    }

    private static byte[] readBytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0) return null;
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }
}
