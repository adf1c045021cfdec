package dev.descent.engine.ensemble;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * An ND4J custom op bound once to the stacked arrays it reads and writes, then run once per step: the
 * same native call as {@code dev.descent.engine.nn.PreparedOp} (a kept context and {@code execCustomOp2},
 * about 1 µs of overhead instead of 5–30 µs), kept separate so the single-network path can change its
 * own without touching this one. The callers allocate outputs of the right shape (the shape function is
 * skipped).
 */
final class BoundOp {
    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();
    private final String name;
    private final long hash;
    private final OpContext context;
    private final Pointer contextPointer;

    private BoundOp(CustomOp op) {
        this.name = op.opName();
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

    static BoundOp of(CustomOp op) {
        return new BoundOp(op);
    }

    void run() {
        int status = NATIVE.execCustomOp2(null, hash, contextPointer);
        if (status != 0) {
            throw new IllegalStateException("ND4J op " + name + " failed: " + NATIVE.lastErrorMessage());
        }
    }
}
