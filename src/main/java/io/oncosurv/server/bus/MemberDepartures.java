package io.oncosurv.server.bus;

import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work sent to other nodes and not answered yet. The event bus does not fail a request whose
 * recipient died (its reply just never comes, until the send timeout), nor say which node took
 * it; so when a member leaves the cluster, every request in flight fails with
 * {@link MemberLeft} as soon as the event bus no longer picks that node, and
 * {@link Operations} sends it again. Requests that were on a living node
 * are computed twice then, once per departure: seconds saved for every request the dead node
 * held. A departure is noticed when the member's connections close (a killed process) or after
 * its missing heartbeats ({@link ClusterSettings#deadAfterSeconds()}).
 */
public final class MemberDepartures {

    private static final Logger LOG = LoggerFactory.getLogger(MemberDepartures.class);

    /** A request in flight, failed on the context that sent it (its HTTP event loop). */
    private record InFlight(Promise<?> promise, Context context) {
    }

    private static final Map<Object, InFlight> IN_FLIGHT = new ConcurrentHashMap<>();

    /** A member left while the request was in flight: send it again. */
    static final class MemberLeft extends RuntimeException {
        MemberLeft(String member) {
            super("the cluster member " + member + " left while the request was in flight",
                    null, false, false);
        }
    }

    private MemberDepartures() {
    }

    /** The request's outcome, or {@link MemberLeft} if a member leaves before it. */
    static <T> Future<T> watch(Future<T> request) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return request;
        }
        Promise<T> outcome = Promise.promise();
        Object key = new Object();
        IN_FLIGHT.put(key, new InFlight(outcome, context));
        request.onComplete(result -> {
            IN_FLIGHT.remove(key);
            if (result.succeeded()) {
                outcome.tryComplete(result.result());
            } else {
                outcome.tryFail(result.cause());
            }
        });
        return outcome.future();
    }

    /** Fails every request in flight (they are sent again). */
    static void left(String member) {
        int failed = 0;
        for (Object key : IN_FLIGHT.keySet()) {
            InFlight request = IN_FLIGHT.remove(key);
            if (request != null) {
                failed++;
                request.context().runOnContext(v -> request.promise()
                        .tryFail(new MemberLeft(member)));
            }
        }
        LOG.warn("cluster member {} left: {} requests in flight sent again", member, failed);
    }

    /**
     * Once the event bus has dropped the departed node's consumers (else a request sent again
     * could go to it once more, and wait for its timeout; the survival operation's address
     * stands for all, as every node's fronts register together), at most {@link #SETTLE_MS}
     * later:
     * fails every request then in flight, those sent to the dead node since it died included.
     */
    private static void settled(Vertx vertx, HazelcastClusterManager manager, String node,
            String member, long until) {
        manager.<java.util.List<io.vertx.core.spi.cluster.RegistrationInfo>>getRegistrations(
                Operation.address(Messages.SurvivalQuery.class), (registrations, failure) -> {
                    boolean gone = failure == null && registrations.stream()
                            .noneMatch(r -> r.nodeId().equals(node));
                    if (gone || System.currentTimeMillis() > until) {
                        // the event bus's node selectors follow the registrations later
                        // (measured: a send to the dead node 330 ms after they were gone)
                        vertx.setTimer(SELECTOR_LAG_MS, t -> left(member));
                    } else {
                        vertx.setTimer(50, t -> settled(vertx, manager, node, member, until));
                    }
                });
    }

    /** How long after its registrations the event bus stops choosing a departed node. */
    static final long SELECTOR_LAG_MS = 800;

    /** The longest wait for the event bus to drop a departed node's consumers. */
    static final long SETTLE_MS = 3000;

    /** Listens for departures from the cluster of this node's Hazelcast; logs who is in it. */
    static void listen(Vertx vertx, HazelcastClusterManager manager) {
        manager.getHazelcastInstance().getCluster().addMembershipListener(
                new InitialMembershipListener() {
                    @Override
                    public void init(InitialMembershipEvent event) {
                        LOG.info("cluster members: {}", event.getMembers().stream()
                                .map(Member::getAddress).toList());
                    }

                    @Override
                    public void memberAdded(MembershipEvent event) {
                        LOG.info("cluster member {} joined", event.getMember().getAddress());
                    }

                    @Override
                    public void memberRemoved(MembershipEvent event) {
                        String member = String.valueOf(event.getMember().getAddress());
                        LOG.info("cluster member {} is gone", member);
                        settled(vertx, manager, event.getMember().getUuid().toString(), member,
                                System.currentTimeMillis() + SETTLE_MS);
                    }
                });
    }
}
