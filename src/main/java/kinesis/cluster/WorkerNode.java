package kinesis.cluster;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import kinesis.rl.EnvFactory;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A rollout and evaluation worker ({@code ./kinesis worker --join HOST:PORT}): joins the
 * coordinator's cluster, proves it holds the secret, then steps its own environments with each
 * policy it receives and runs the evaluation jobs (clips, trials) it is sent. Heavy work runs on a
 * thread of its own (one task at a time, in arrival order, so a policy is loaded before the work
 * that follows it); evaluation jobs run on one thread per core. It stops when the coordinator
 * leaves or is lost.
 */
public final class WorkerNode implements AutoCloseable {
  /** How a worker ended. */
  public enum End {
    COORDINATOR_FINISHED,
    REFUSED,
    JOIN_FAILED,
    CLOSED
  }

  private final ActorSystem<Wire.ToWorker> system;
  private final CompletableFuture<End> end = new CompletableFuture<>();

  /**
   * @param bind interface this worker binds and announces (the coordinator connects to it)
   * @param join "host:port" of the coordinator
   * @param cores threads for environments and evaluation
   */
  public WorkerNode(
      String bind,
      String join,
      Secret secret,
      EnvFactory factory,
      int cores,
      double heartbeat,
      PrintStream out) {
    system =
        ActorSystem.create(
            Actor.create(secret, factory, cores, out, end),
            Nodes.SYSTEM,
            Nodes.config(bind, 0, join, secret, heartbeat, null));
    system
        .getWhenTerminated()
        .thenRun(
            () -> {
              Optional<CoordinatedShutdown.Reason> why =
                  CoordinatedShutdown.get(system).getShutdownReason();
              if (why.isPresent()
                  && why.get() == CoordinatedShutdown.incompatibleConfigurationDetectedReason())
                end.complete(End.REFUSED);
              else if (why.isPresent()
                  && why.get() == CoordinatedShutdown.clusterJoinUnsuccessfulReason())
                end.complete(End.JOIN_FAILED);
              else end.complete(End.CLOSED);
            });
  }

  /** Blocks until the worker ends, and says how. */
  public End await() {
    End e = end.join();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
    return e;
  }

  /** Leaves at once (no goodbye beyond Pekko's own). */
  @Override
  public void close() {
    end.complete(End.CLOSED);
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
  }

  private static final class Actor extends AbstractBehavior<Wire.ToWorker> {
    private record Listing(Receptionist.Listing listing) implements Wire.ToWorker {}

    private record CoordinatorGone(String why) implements Wire.ToWorker {}

    private record Ignore() implements Wire.ToWorker {}

    private final Secret secret;
    private final EnvFactory factory;
    private final int cores;
    private final PrintStream out;
    private final CompletableFuture<End> end;
    private final ExecutorService serial =
        Executors.newSingleThreadExecutor(r -> daemon(r, "kinesis-worker"));
    private final ExecutorService evalPool;
    private final Parts.Assembler parts = new Parts.Assembler();
    private ActorRef<Wire.ToCoordinator> coordinator;
    private boolean helloSent;
    private int id = -1;
    private long session;
    private SegmentRunner runner;
    private CompletableFuture<EvalRunner> eval;

    static Behavior<Wire.ToWorker> create(
        Secret secret, EnvFactory factory, int cores, PrintStream out, CompletableFuture<End> end) {
      return Behaviors.setup(ctx -> new Actor(ctx, secret, factory, cores, out, end));
    }

    private static Thread daemon(Runnable r, String name) {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }

    private Actor(
        ActorContext<Wire.ToWorker> ctx,
        Secret secret,
        EnvFactory factory,
        int cores,
        PrintStream out,
        CompletableFuture<End> end) {
      super(ctx);
      this.secret = secret;
      this.factory = factory;
      this.cores = cores;
      this.out = out;
      this.end = end;
      evalPool = Executors.newFixedThreadPool(cores, r -> daemon(r, "kinesis-worker-eval"));
      ActorRef<Receptionist.Listing> listings =
          ctx.messageAdapter(Receptionist.Listing.class, Listing::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(Coordinator.KEY, listings));
      ActorRef<ClusterEvent.ClusterDomainEvent> events =
          ctx.messageAdapter(
              ClusterEvent.ClusterDomainEvent.class,
              e ->
                  switch (e) {
                    case ClusterEvent.UnreachableMember u
                        when isCoordinator(u.member().address()) ->
                        new CoordinatorGone("unreachable");
                    case ClusterEvent.MemberRemoved r when isCoordinator(r.member().address()) ->
                        new CoordinatorGone("finished");
                    case ClusterEvent.MemberExited x when isCoordinator(x.member().address()) ->
                        new CoordinatorGone("finished");
                    default -> new Ignore();
                  });
      Cluster.get(ctx.getSystem())
          .subscriptions()
          .tell(Subscribe.create(events, ClusterEvent.ClusterDomainEvent.class));
    }

    private boolean isCoordinator(org.apache.pekko.actor.Address a) {
      return coordinator != null && coordinator.path().address().equals(a);
    }

    @Override
    public Receive<Wire.ToWorker> createReceive() {
      return newReceiveBuilder()
          .onMessage(Listing.class, this::listing)
          .onMessage(Wire.Challenge.class, this::challenge)
          .onMessage(Wire.Welcome.class, this::welcome)
          .onMessage(Wire.Refused.class, this::refused)
          .onMessage(Wire.Part.class, this::part)
          .onMessage(CoordinatorGone.class, this::coordinatorGone)
          .onMessage(Ignore.class, m -> this)
          .onSignal(org.apache.pekko.actor.typed.PostStop.class, s -> stopped())
          .build();
    }

    private Behavior<Wire.ToWorker> listing(Listing l) {
      var found = l.listing().getServiceInstances(Coordinator.KEY);
      if (!helloSent && !found.isEmpty()) {
        helloSent = true;
        String name;
        try {
          name = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
          name = "worker";
        }
        found.iterator().next().tell(new Wire.Hello(getContext().getSelf(), name, cores));
      }
      return this;
    }

    private Behavior<Wire.ToWorker> challenge(Wire.Challenge c) {
      coordinator = c.coordinator();
      String self =
          ActorRefResolver.get(getContext().getSystem())
              .toSerializationFormat(getContext().getSelf());
      coordinator.tell(new Wire.Proof(getContext().getSelf(), secret.proof(c.nonce(), self)));
      return this;
    }

    private Behavior<Wire.ToWorker> welcome(Wire.Welcome w) {
      id = w.workerId();
      session = w.session();
      out.println("worker: admitted as worker " + id + " by " + coordinator.path().address());
      if (w.setup().length > 0) {
        TrainSetup setup = TrainSetup.decode(w.setup());
        serial.execute(guard(() -> runner = new SegmentRunner(factory, setup, id)));
      }
      return this;
    }

    private Behavior<Wire.ToWorker> refused(Wire.Refused r) {
      out.println("worker: refused by the coordinator: " + r.reason());
      end.complete(End.REFUSED);
      return Behaviors.stopped();
    }

    private Behavior<Wire.ToWorker> coordinatorGone(CoordinatorGone g) {
      out.println(
          "worker: the coordinator "
              + (g.why().equals("finished") ? "finished" : "is unreachable")
              + "; stopping");
      end.complete(End.COORDINATOR_FINISHED);
      return Behaviors.stopped();
    }

    // closing an evaluation runner is best effort: one whose setup failed has nothing to close
    @SuppressWarnings("FutureReturnValueIgnored")
    private Behavior<Wire.ToWorker> stopped() {
      evalPool.shutdownNow();
      serial.execute(
          () -> { // after the task in progress: environments are closed on the thread that steps
            // them
            if (runner != null) runner.close();
            if (eval != null) eval.thenAccept(EvalRunner::close);
          });
      serial.shutdown();
      return this; // how it ended is settled when the actor system has terminated (a refused join
      // shuts it down)
    }

    /**
     * Runs a task and, when it fails, reports and stops this worker (the coordinator gives its work
     * to others).
     */
    private Runnable guard(Runnable task) {
      return () -> {
        try {
          task.run();
        } catch (Throwable e) {
          out.println("worker: " + e + "; stopping");
          end.complete(End.CLOSED);
          getContext().getSystem().terminate();
        }
      };
    }

    private void reply(int kind, long partId, byte[] payload) {
      for (Wire.Part p : Parts.split(id, session, kind, partId, payload)) coordinator.tell(p);
    }

    // closing a replaced evaluation runner is best effort (one whose setup failed has none)
    @SuppressWarnings("FutureReturnValueIgnored")
    private Behavior<Wire.ToWorker> part(Wire.Part p) {
      if (p.workerId() != id || p.session() != session || coordinator == null)
        return this; // not from our coordinator
      byte[] payload = parts.add(p);
      if (payload == null) return this;
      long partId = p.id();
      switch (p.kind()) {
        case Wire.POLICY -> serial.execute(guard(() -> runner.load(partId, payload)));
        case Wire.WORK ->
            serial.execute(
                guard(
                    () ->
                        reply(
                            Wire.SEGMENT,
                            partId,
                            runner.run(partId, new Bytes.In(payload).i64()).encode())));
        case Wire.EVAL_SETUP -> {
          CompletableFuture<EvalRunner> previous = eval;
          eval =
              CompletableFuture.supplyAsync(
                  () -> new EvalRunner(EvalSetup.decode(payload)), serial);
          if (previous != null) previous.thenAccept(EvalRunner::close);
        }
        case Wire.EVAL_JOB -> {
          CompletableFuture<EvalRunner> state = eval;
          evalPool.execute(
              guard(
                  () -> {
                    EvalJob job = EvalJob.decode(payload);
                    reply(Wire.EVAL_RESULT, partId, state.join().run(job));
                  }));
        }
        default -> {}
      }
      return this;
    }
  }
}
