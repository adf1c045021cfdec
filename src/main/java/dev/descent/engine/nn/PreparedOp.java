package dev.descent.engine.nn;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * An ND4J custom op bound once to fixed input and output arrays and then executed many times.
 *
 * <p>{@code Nd4j.exec(op)} builds a fresh native context for every call, which costs 5–30 µs; executing
 * with a kept context costs about 1 µs (measured on the project machine, 32×16 operands). On the
 * training path, where a small network runs dozens of ops per step, that difference is most of the step.
 * The arrays are fixed, so a prepared op belongs to one batch size of one network. (Rebinding an input
 * of a kept context leaks about 100 bytes of native memory per call in ND4J 1.0.0-M2.1: refill the
 * bound array instead.)
 *
 * <p>The context skips ND4J's output-shape function ({@code shapeFunctionOverride}), as ND4J's own
 * executor does when it allocates the outputs itself: the callers allocate outputs of the right shape,
 * and in 1.0.0-M2.1 some shape functions ({@code batchnorm}'s, {@code moments}') free a shape buffer they
 * do not own, corrupting the native heap when called repeatedly. The gradient checks cover every
 * prepared op's shapes.
 *
 * <p>{@link #run} makes the native call that {@code NativeOpExecutioner.exec(op, context)} makes,
 * {@code execCustomOp2}, without the executioner's wrapping (profiling hooks, a oneDNN switch, a list
 * of the outputs), which allocated about 700 bytes of Java garbage per call: 0 bytes and 0.8 µs
 * against 710 bytes and 2.0 µs (measured, 32×16 multiply). A failed op still throws, with libnd4j's
 * message. The stacked members' pass ({@code engine.ensemble}) uses it too.
 */
public final class PreparedOp {
    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();
    private final CustomOp op;
    private final OpContext context;
    private final long hash;
    private final Pointer contextPointer;

    private PreparedOp(CustomOp op) {
        this.op = op;
        this.context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(op.inputArguments());
        context.setOutputArrays(op.outputArguments());
        context.setIArguments(op.iArgs());
        context.setTArguments(op.tArgs());
        context.setBArguments(op.bArgs());
        context.shapeFunctionOverride(true);
        hash = op.opHash();
        contextPointer = context.contextPointer();
    }

    /** Binds {@code op}, which must already have its inputs and outputs. */
    public static PreparedOp of(CustomOp op) {
        return new PreparedOp(op);
    }

    /** Runs the op on the arrays it was bound to. */
    public void run() {
        int status = NATIVE.execCustomOp2(null, hash, contextPointer);
        if (status != 0) {
            throw new IllegalStateException("ND4J op " + op.opName() + " failed: " + NATIVE.lastErrorMessage());
        }
    }
}
