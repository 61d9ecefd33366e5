package io.oncosurv.server.bus;

import io.oncosurv.server.MainVerticle;
import io.oncosurv.server.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joining the cluster ({@link ClusterSettings}): only with the shared store (a node on a store of
 * its own would answer "no such cohort" for the others' cohorts), then Vert.x over Hazelcast,
 * listening for members that leave ({@link MemberDepartures}). A node takes work only once its
 * store is open: {@link MainVerticle} registers the worker consumers after that.
 */
public final class ClusterStart {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStart.class);

    private ClusterStart() {
    }

    /** Refuses settings a clustered node must not run with. */
    public static void check(ClusterSettings cluster, ServerConfig config) {
        if (cluster.enabled() && config.database() == null) {
            throw new IllegalArgumentException("a clustered node needs the shared store: set "
                    + "ONCOSURV_DB_URL (with _USER and _PASSWORD) to the PostgreSQL database of "
                    + "the cluster");
        }
    }

    public static Future<Vertx> join(ClusterSettings cluster) {
        if (!cluster.secured()) {
            LOG.warn("ONCOSURV_CLUSTER_INSECURE: any process that reaches {}:{} may join the "
                    + "cluster and read or answer its work; for development only",
                    cluster.host(), cluster.port());
        }
        HazelcastClusterManager manager = cluster.clusterManager();
        return Vertx.builder().with(cluster.vertxOptions()).withClusterManager(manager)
                .buildClustered().onSuccess(vertx -> MemberDepartures.listen(vertx, manager));
    }
}
