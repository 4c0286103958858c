package dev.conduit.internal.netty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The proxies whose forwarding headers the server believes: addresses and CIDR blocks ({@code 127.0.0.1},
 * {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). Written as literal addresses only: a host name would need a DNS
 * lookup, and the list is a security boundary.
 */
public final class TrustedProxies {
    /** Nobody is trusted: forwarding headers are ignored. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<String> text;
    private final List<Block> blocks;

    private TrustedProxies(List<String> text, List<Block> blocks) {
        this.text = List.copyOf(text);
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses {@code entries}.
     *
     * @throws IllegalArgumentException naming an entry that is not a literal address or CIDR block
     */
    public static TrustedProxies of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String e : entries) {
            blocks.add(parse(e.trim()));
        }
        return new TrustedProxies(entries, blocks);
    }

    private static Block parse(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + entry + "'");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("not an IP address or CIDR block: '" + entry + "'");
            }
        }
        return new Block(bytes, bits);
    }

    /** The bytes of a literal IPv4 or IPv6 address, or null (never a DNS lookup). */
    static byte @Nullable [] literal(String s) {
        String a = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = a.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = a.contains(":") && a.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Tells whether {@code address} is one of the trusted proxies. */
    public boolean trusts(@Nullable InetAddress address) {
        if (address == null || blocks.isEmpty()) {
            return false;
        }
        byte[] b = address.getAddress();
        for (Block block : blocks) {
            if (block.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /** Whether nobody is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The entries as given. */
    public List<String> entries() {
        return text;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TrustedProxies t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
