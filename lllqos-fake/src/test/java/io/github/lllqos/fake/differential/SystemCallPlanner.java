package io.github.lllqos.fake.differential;

import static io.github.lllqos.fake.property.Weighted.weight;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.lllqos.fake.property.OperationPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Open, write (binary, hex strings, garbage, arbitrary bytes), read, pread, lseek and close on up to four
 * descriptors; a sequence ends with every descriptor closed and the limit read through a new one.
 *
 * <p>Each step draws whether it is kept, its kind, the descriptor slot, the open mode, the data of a write
 * ({@link WriteData}), a count and an offset, whatever its kind, so every argument shrinks on its own (fewer
 * steps, plainer kinds, smaller values, shorter strings) and a step changed by shrinking leaves the later ones
 * where they were.
 */
final class SystemCallPlanner implements OperationPlanner<SystemCall> {

    private static final int MAX_OPEN = 4;

    private static final Gen<Kind> KINDS = Generate.frequency(List.of(weight(4, Kind.OPEN), weight(12, Kind.WRITE),
            weight(4, Kind.READ), weight(4, Kind.PREAD), weight(1, Kind.LSEEK), weight(1, Kind.CLOSE)));
    private static final Gen<Integer> SLOTS = integers().between(0, MAX_OPEN - 1);
    private static final Gen<DeviceUnderTest.Mode> MODES = arbitrary().enumValues(DeviceUnderTest.Mode.class);
    /** How many bytes a read or pread asks for: 0 to 8, around the 4 the device has. */
    private static final Gen<Integer> COUNTS = integers().between(0, 8);
    /** Where a pread starts: 0 to 6, before, inside and past the 4 bytes. */
    private static final Gen<Integer> OFFSETS = integers().between(0, 6);

    private enum Kind { OPEN, WRITE, READ, PREAD, LSEEK, CLOSE }

    private final List<Integer> open = new ArrayList<>();
    private int handles;

    @Override
    public Optional<SystemCall> draw(RandomnessSource source) {
        Kind kind = KINDS.generate(source);
        int slot = SLOTS.generate(source);
        DeviceUnderTest.Mode mode = MODES.generate(source);
        byte[] data = WriteData.DATA.generate(source);
        int count = COUNTS.generate(source);
        int offset = OFFSETS.generate(source);
        if (kind == Kind.OPEN ? open.size() == MAX_OPEN : open.isEmpty()) {
            return Optional.empty();
        }
        int handle = kind == Kind.OPEN ? handles : OperationPlanner.newestFirst(open, slot);
        return Optional.of(switch (kind) {
            case OPEN -> new SystemCall.Open(handle, mode);
            case WRITE -> new SystemCall.Write(handle, data);
            case READ -> new SystemCall.Read(handle, count);
            case PREAD -> new SystemCall.Pread(handle, count, offset);
            case LSEEK -> new SystemCall.Rewind(handle);
            case CLOSE -> new SystemCall.Close(handle);
        });
    }

    @Override
    public void accept(SystemCall call) {
        if (call instanceof SystemCall.Open) {
            open.add(handles++);
        } else if (call instanceof SystemCall.Close close) {
            open.remove(Integer.valueOf(close.handle()));
        }
    }

    @Override
    public List<SystemCall> finish() {
        List<SystemCall> closing = new ArrayList<>();
        open.forEach(handle -> closing.add(new SystemCall.Close(handle)));
        closing.add(new SystemCall.Open(handles, DeviceUnderTest.Mode.O_RDONLY));
        closing.add(new SystemCall.Pread(handles, 8, 0));
        closing.add(new SystemCall.Close(handles));
        return closing;
    }
}
