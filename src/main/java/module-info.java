/**
 * KINESIS for the JVM as a library. The exported packages are the public API (models, clips,
 * environments, training, policies, evaluation); the simulation binding, the neural-network
 * kernels, the command line and the viewers are internal and may change.
 */
module kinesis {
  requires jdk.incubator.vector;
  requires java.desktop;
  requires java.xml;
  requires java.logging;
  requires java.management;
  requires jdk.httpserver;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.knowm.xchart;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires pickle;
  requires jcodec;
  requires pekko.actor;
  requires pekko.actor.typed;
  requires pekko.cluster;
  requires pekko.cluster.typed;
  requires pekko.remote;
  requires typesafe.config;
  requires scala.library;

  exports kinesis.body;
  exports kinesis.motion;
  exports kinesis.task;
  exports kinesis.task.reach;
  exports kinesis.rl;
  exports kinesis.rl.moe;
  exports kinesis.eval;
  exports kinesis.io;

  // the command line is parsed reflectively by picocli, settings are (de)serialised by Jackson
  opens kinesis.cli to
      info.picocli;
  opens kinesis.rl to
      com.fasterxml.jackson.databind;
  opens kinesis.task to
      com.fasterxml.jackson.databind;
  opens kinesis.eval to
      com.fasterxml.jackson.databind;
  // Pekko creates the cluster's serializer by reflection
  opens kinesis.cluster to
      pekko.actor;
}
