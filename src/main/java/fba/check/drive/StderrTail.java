package fba.check.drive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drains standard error so the process never blocks on it, keeping the last few KiB. */
final class StderrTail extends Thread {
    private final InputStream in;
    private final byte[] ring = new byte[4096];
    private long total;

    public StderrTail(InputStream in) {
        super("fba-check-stderr");
        this.in = in;
        setDaemon(true);
    }

    @Override
    public void run() {
        byte[] b = new byte[4096];
        try {
            int n;
            while ((n = in.read(b)) > 0) {
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        ring[(int) (total++ % ring.length)] = b[i];
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; what was read is kept.
        }
    }

    public synchronized String tail() {
        int n = (int) Math.min(total, ring.length);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((total - n + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
