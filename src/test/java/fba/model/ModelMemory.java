package fba.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The model's picture of linear memory: a map from address to byte holding every byte ever
 * written with a non-zero value; everything else reads as zero. Deliberately naive (one map entry
 * per byte) so that its correctness is evident; the chains it serves are short.
 */
final class ModelMemory {

    private final Map<Long, Byte> bytes = new HashMap<>();

    /** Little-endian u64 at {@code addr}. */
    long read(long addr) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes.getOrDefault(addr + i, (byte) 0) & 0xFF);
        }
        return value;
    }

    /** Stores {@code value} little-endian at {@code addr}. */
    void write(long addr, long value) {
        for (int i = 0; i < 8; i++) {
            byte b = (byte) (value >>> (8 * i));
            if (b == 0) {
                bytes.remove(addr + i);
            } else {
                bytes.put(addr + i, b);
            }
        }
    }

    /** Forgets every byte at or above {@code limit} (memory shrank; regrown pages read as zero). */
    void dropFrom(long limit) {
        bytes.keySet().removeIf(a -> a >= limit);
    }

    /** The non-zero bytes, for comparing with the implementation's memory. */
    Map<Long, Byte> nonZeroBytes() {
        return bytes;
    }
}
