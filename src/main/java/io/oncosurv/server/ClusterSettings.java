package io.oncosurv.server;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Clustered mode, off by default: {@code ONCOSURV_CLUSTER=true} joins the nodes listed in
 * {@code ONCOSURV_CLUSTER_MEMBERS} (host:port, comma-separated; TCP, no multicast) on
 * {@code ONCOSURV_CLUSTER_HOST} (127.0.0.1) and {@code ONCOSURV_CLUSTER_PORT} (5701), with
 * Hazelcast as Vert.x's cluster manager. The nodes then share one event bus: analysis work goes
 * to workers on any node, and report events reach the browsers of every node.
 */
record ClusterSettings(boolean enabled, String host, int port, List<String> members) {

    static ClusterSettings fromEnvironment(Map<String, String> env) {
        boolean on = Boolean.parseBoolean(env.getOrDefault("ONCOSURV_CLUSTER", "false"));
        String host = env.getOrDefault("ONCOSURV_CLUSTER_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("ONCOSURV_CLUSTER_PORT", "5701"));
        List<String> members = Arrays.stream(env.getOrDefault("ONCOSURV_CLUSTER_MEMBERS",
                host + ":" + port).split(",")).map(String::strip).filter(m -> !m.isEmpty())
                .toList();
        return new ClusterSettings(on, host, port, members);
    }

    HazelcastClusterManager clusterManager() {
        Config hazelcast = new Config();
        hazelcast.setClusterName("oncosurv");
        hazelcast.setProperty("hazelcast.logging.type", "slf4j");
        hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
        hazelcast.getNetworkConfig().setPort(port).setPortAutoIncrement(false)
                .setPublicAddress(host + ":" + port);
        hazelcast.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = hazelcast.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        return new HazelcastClusterManager(hazelcast);
    }

    VertxOptions vertxOptions() {
        return new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(host)
                .setPort(0).setClusterPublicHost(host));
    }
}
