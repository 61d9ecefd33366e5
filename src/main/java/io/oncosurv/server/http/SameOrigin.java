package io.oncosurv.server.http;

import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * A browser's form post must come from a page of this site: login and logout act on the session
 * cookie, so a third-party page posting to them could log a browser into someone else's session
 * or out of its own; the write forms ({@link RouteTable#form}) act as the session's user.
 * Browsers send {@code Origin} on every POST (our pages' Referrer-Policy,
 * {@code same-origin}, keeps it the real origin rather than "null"); without it, {@code Referer}
 * is read. Host and port must equal the request's {@code Host}; the scheme is not compared, so
 * a TLS proxy in front that passes {@code Host} through still works. Neither header: refused.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    static void check(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        String source = origin != null ? origin : ctx.request().getHeader("Referer");
        String host = ctx.request().getHeader("Host");
        if (source == null || host == null || !host.toLowerCase(Locale.ROOT).equals(
                authority(source))) {
            throw new ApiError(403, "This form must be sent from a page of this server, and its "
                    + "Origin is " + (source == null ? "missing" : "another site's")
                    + ": use this server's own pages.");
        }
        ctx.next();
    }

    /** host[:port] of a URL, lower case; "" if it is not an http(s) URL with a host. */
    static String authority(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null || !(scheme.equalsIgnoreCase("http")
                    || scheme.equalsIgnoreCase("https"))) {
                return "";
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }
}
