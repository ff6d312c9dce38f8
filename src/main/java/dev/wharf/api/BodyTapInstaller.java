package dev.wharf.api;

import io.netty.channel.Channel;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Adds the {@link BodyTap} to each HTTP/1.x connection at its first {@code /v2} request, so that it sees the heads of
 * the requests that follow and can tap their bodies (it never taps the body of the request it was added during).
 */
@ApplicationScoped
public class BodyTapInstaller {
    void install(@Observes Router router) {
        router.route("/v2*").order(-1000).handler(rc -> {
            Channel channel = BodyTap.channel(rc.request());
            if (channel != null) {
                BodyTap.of(channel);
            }
            rc.next();
        });
    }
}
