package cn.onecity.shared;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 (GB/T 32905) digests, hex encoded. */
public final class Sm3 {
    private Sm3() {
    }

    public static String hex(byte[] data) {
        SM3Digest d = new SM3Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    public static String hex(InputStream in) throws IOException {
        SM3Digest d = new SM3Digest();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            d.update(buf, 0, n);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
