package io.oncosurv.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Other spellings of a request's path that a router, a proxy or a filter may read as the same
 * path (or not): a trailing slash, doubled slashes, dot segments (plain and percent-encoded),
 * percent-encoded letters (lower- and upper-case hex) and slashes, case changes, {@code ;}
 * parameters and a backslash, each at every position. The query is kept.
 */
final class PathVariants {

    private PathVariants() {
    }

    static List<String> of(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q);
        String[] segments = path.substring(1).split("/", -1);
        Set<String> out = new LinkedHashSet<>();
        out.add(path + "/");
        out.add(path + "//");
        out.add(path + "/.");
        out.add(path + "/%2e");
        out.add(path.toUpperCase(Locale.ROOT));
        for (int i = 0; i < segments.length; i++) {
            String before = "/" + String.join("/", List.of(segments).subList(0, i));
            before = i == 0 ? "" : before;
            String after = "/" + String.join("/", List.of(segments).subList(i, segments.length));
            out.add(before + "/" + after);
            out.add(before + "/." + after);
            out.add(before + "/%2e" + after);
            out.add(before + "/%2E" + after);
            out.add(before + "/x/.." + after);
            out.add(before + "/x/%2e%2e" + after);
            out.add(before + "\\" + after.substring(1));
            if (i > 0) {
                out.add(before + "%2F" + after.substring(1));
                out.add(before + "%2f" + after.substring(1));
            }
            out.add(replace(segments, i, encodeFirstLetter(segments[i], false)));
            out.add(replace(segments, i, encodeFirstLetter(segments[i], true)));
            out.add(replace(segments, i, segments[i].toUpperCase(Locale.ROOT)));
            out.add(replace(segments, i, segments[i] + ";x=1"));
            out.add(replace(segments, i, segments[i] + ";"));
        }
        out.remove(path);
        List<String> all = new ArrayList<>();
        for (String p : out) {
            all.add(p + query);
        }
        return all;
    }

    private static String replace(String[] segments, int i, String segment) {
        String[] copy = segments.clone();
        copy[i] = segment;
        return "/" + String.join("/", copy);
    }

    /** The first letter as %XX: {@code file} → {@code %66ile}. */
    private static String encodeFirstLetter(String segment, boolean upperHex) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isLetter(c) && c < 128) {
                String hex = String.format(upperHex ? "%02X" : "%02x", (int) c);
                return segment.substring(0, i) + "%" + hex + segment.substring(i + 1);
            }
        }
        return segment;
    }
}
