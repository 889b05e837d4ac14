package kinesis.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import kinesis.io.Assets;
import kinesis.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimModelTest {
  static final String PENDULUM =
      """
      <mujoco>
        <option timestep="0.01"/>
        <worldbody>
          <geom name="floor" type="plane" size="2 2 0.1"/>
          <body name="pole" pos="0 0 1">
            <joint name="hinge" type="hinge" axis="0 1 0"/>
            <geom name="bob" type="capsule" fromto="0 0 0 0 0 -0.5" size="0.05" mass="1"/>
            <site name="tip" pos="0 0 -0.5"/>
          </body>
        </worldbody>
        <actuator><motor name="torque" joint="hinge" gear="1"/></actuator>
      </mujoco>
      """;

  @Test
  void compilesFromStringAndResolvesNames() {
    try (SimModel m = SimModel.fromXml(PENDULUM);
        SimData d = m.makeData()) {
      assertEquals(1, m.nq);
      assertEquals(1, m.nu);
      assertEquals(1, m.id(ObjType.BODY, "pole"));
      assertEquals("pole", m.name(ObjType.BODY, 1));
      assertEquals(0, m.id(ObjType.JOINT, "hinge"));
      assertEquals(0, m.id(ObjType.ACTUATOR, "torque"));
      assertEquals(0, m.id(ObjType.SITE, "tip"));
      assertEquals(1, m.id(ObjType.GEOM, "bob"));
      assertEquals(-1, m.id(ObjType.BODY, "nope"));
      assertThrows(BadInputException.class, () -> m.requireId(ObjType.BODY, "nope"));
      assertEquals(0.01, m.timestep());
      // hanging straight down from a small angle: the pendulum swings back through 0
      d.qpos.set(0, 0.3);
      d.forward();
      assertEquals(1.0 - 0.5 * Math.cos(0.3) / 2, d.xipos.get(1, 2), 1e-3);
      for (int i = 0; i < 200; i++) d.step();
      assertTrue(Math.abs(d.qpos.get(0)) < 0.31);
      assertTrue(d.time() > 1.99);
    }
  }

  @Test
  void inverseDynamicsBalancesGravity() {
    try (SimModel m = SimModel.fromXml(PENDULUM);
        SimData d = m.makeData()) {
      d.qpos.set(0, Math.PI / 2); // horizontal pole
      d.forward();
      d.qacc.set(0, 0);
      d.inverse();
      // torque to hold a 1 kg rod horizontally with its COM 0.25 m from the hinge: m g r
      assertEquals(1.0 * 9.81 * 0.25, Math.abs(d.qfrcInverse.get(0)), 1e-2);
    }
  }

  @Test
  void malformedXmlStringIsBadInput() {
    BadInputException e =
        assertThrows(BadInputException.class, () -> SimModel.fromXml("<mujoco><worldbody>"));
    assertTrue(e.getMessage().contains("MJCF string"), e.getMessage());
  }

  @Test
  void badFilesGiveClearErrors(@TempDir Path tmp) throws IOException {
    Path missing = tmp.resolve("missing.xml");
    assertMessage(missing, "file not found");
    Path empty = Files.createFile(tmp.resolve("empty.xml"));
    assertMessage(empty, "file is empty");
    Path malformed = Files.writeString(tmp.resolve("bad.xml"), "<mujoco><worldbody></mujoco>");
    assertMessage(malformed, "malformed XML");
    Path notMujoco =
        Files.writeString(
            tmp.resolve("other.xml"),
            "<mujoco><worldbody><geom type='nosuchtype' size='1'/></worldbody></mujoco>");
    assertMessage(notMujoco, "MuJoCo cannot load");
    Path truncated =
        Files.writeString(tmp.resolve("trunc.xml"), PENDULUM.substring(0, PENDULUM.length() / 2));
    assertMessage(truncated, "malformed XML");
  }

  private static void assertMessage(Path file, String expected) {
    BadInputException e = assertThrows(BadInputException.class, () -> SimModel.load(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void steppingIsDeterministicBitForBit() {
    try (SimModel m = SimModel.load(Assets.resolve("models/kinesis_legs/myolegs.xml"))) {
      m.setTimestep(1.0 / 150);
      double[] a = run(m), b = run(m);
      assertArrayEquals(a, b);
    }
  }

  private static double[] run(SimModel m) {
    try (SimData d = m.makeData()) {
      for (int s = 0; s < 60; s++) {
        for (int i = 0; i < m.nu; i++) d.ctrl.set(i, 0.5 + 0.4 * Math.sin(0.3 * i + 0.1 * s));
        d.step();
      }
      return d.qpos.toArray();
    }
  }

  @Test
  void jointLimitsAreReadAsBytes() {
    try (SimModel m = SimModel.load(Assets.resolve("models/kinesis_legs/myolegs.xml"))) {
      boolean[] limited = m.jntLimited();
      assertEquals(m.njnt, limited.length);
      assertFalse(limited[0], "the free joint has no limits");
      assertTrue(limited[m.requireId(ObjType.JOINT, "hip_flexion_r")]);
      assertTrue(limited[m.requireId(ObjType.JOINT, "knee_angle_l")]);
    }
  }

  @Test
  void stateSnapshotContinuesIdentically() {
    try (SimModel m = SimModel.load(Assets.resolve("models/kinesis_legs/myolegs.xml"));
        SimData a = m.makeData();
        SimData b = m.makeData()) {
      m.setTimestep(1.0 / 150);
      for (int i = 0; i < m.nu; i++) a.ctrl.set(i, 0.3);
      for (int s = 0; s < 20; s++) a.step();
      b.setState(a.getState());
      for (int s = 0; s < 20; s++) {
        a.step();
        b.step();
      }
      assertArrayEquals(a.qpos.toArray(), b.qpos.toArray());
      assertArrayEquals(a.act.toArray(), b.act.toArray());
    }
  }

  @Test
  void generatedOffsetsMatchTheCompiler() throws Throwable {
    Path lib = Path.of(System.getProperty("kinesis.native.dir"), "libmjcheck.so");
    SymbolLookup chk = SymbolLookup.libraryLookup(lib, Arena.global());
    Linker linker = Linker.nativeLinker();
    MethodHandle qpos =
        linker.downcallHandle(
            chk.find("chk_qpos").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    MethodHandle sensordata =
        linker.downcallHandle(
            chk.find("chk_sensordata").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    MethodHandle xpos =
        linker.downcallHandle(
            chk.find("chk_xpos").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    MethodHandle lr =
        linker.downcallHandle(
            chk.find("chk_actuator_lengthrange").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    MethodHandle dt =
        linker.downcallHandle(
            chk.find("chk_timestep").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.ADDRESS));
    MethodHandle nu =
        linker.downcallHandle(
            chk.find("chk_nu").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    try (SimModel m = SimModel.load(Assets.resolve("models/kinesis_legs/myolegs.xml"));
        SimData d = m.makeData()) {
      m.setTimestep(1.0 / 150);
      MemorySegment dp = dataPointer(d);
      MemorySegment mp = m.ptr();
      assertEquals(((MemorySegment) qpos.invokeExact(dp)).address(), d.qpos.segment().address());
      assertEquals(
          ((MemorySegment) sensordata.invokeExact(dp)).address(), d.sensordata.segment().address());
      assertEquals(((MemorySegment) xpos.invokeExact(dp)).address(), d.xpos.segment().address());
      assertEquals(
          ((MemorySegment) lr.invokeExact(mp)).address(),
          m.actuatorLengthRange().segment().address());
      assertEquals(1.0 / 150, (double) dt.invokeExact(mp));
      assertEquals(80L, (long) nu.invokeExact(mp));
    }
  }

  private static MemorySegment dataPointer(SimData d) throws ReflectiveOperationException {
    var f = SimData.class.getDeclaredField("d");
    f.setAccessible(true);
    return (MemorySegment) f.get(d);
  }

  @Test
  void warningsReachJava() {
    try (SimModel m = SimModel.fromXml(PENDULUM);
        SimData d = m.makeData()) {
      long before = MuJoCo.warningCount();
      assertFalse(d.unstable());
      d.qpos.set(0, Double.NaN);
      d.step(); // MuJoCo detects the bad qpos, warns and resets the state
      assertTrue(d.warnings() > 0);
      assertTrue(d.unstable());
      assertTrue(MuJoCo.warningCount() > before);
      assertTrue(
          MuJoCo.lastWarning().toLowerCase(Locale.ROOT).contains("qpos"), MuJoCo.lastWarning());
    }
  }

  @Test
  void closingDataTwiceIsSafeAndUseAfterCloseIsAnError() {
    try (SimModel m = SimModel.fromXml(PENDULUM)) {
      SimData d = m.makeData();
      d.close();
      d.close();
      assertThrows(IllegalStateException.class, d::step);
    }
  }

  @Test
  void makingAndClosingDataDoesNotLeak() throws IOException {
    try (SimModel m = SimModel.load(Assets.resolve("models/kinesis_legs/myolegs.xml"))) {
      createAndClose(m, 10_000); // warm-up: JIT, heap sizing, malloc arenas
      System.gc();
      long before = residentKb();
      createAndClose(m, 10_000);
      System.gc();
      long after = residentKb();
      assertTrue(
          after <= before * 1.05,
          "resident memory grew from " + before + " kB to " + after + " kB");
    }
  }

  private static void createAndClose(SimModel m, int n) {
    for (int i = 0; i < n; i++) {
      try (SimData d = m.makeData()) {
        d.step();
      }
    }
  }

  static long residentKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    throw new IllegalStateException("no VmRSS");
  }
}
