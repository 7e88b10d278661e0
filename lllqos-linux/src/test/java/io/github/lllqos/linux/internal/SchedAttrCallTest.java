package io.github.lllqos.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The system call numbers of sched_setattr and sched_getattr, from each architecture's unistd.h. */
class SchedAttrCallTest {

    @Test
    void each_architecture_has_its_own_numbers_and_an_unknown_one_has_none() {
        assertThat(LibC.schedAttrCall("amd64", true)).isEqualTo(314);
        assertThat(LibC.schedAttrCall("amd64", false)).isEqualTo(315);
        assertThat(LibC.schedAttrCall("aarch64", true)).isEqualTo(274);
        assertThat(LibC.schedAttrCall("riscv64", false)).isEqualTo(275);
        assertThat(LibC.schedAttrCall("ppc64le", true)).isEqualTo(355);
        assertThat(LibC.schedAttrCall("s390x", true)).isEqualTo(345);
        assertThat(LibC.schedAttrCall("sparcv9", true)).isZero();
        assertThat(LibC.schedAttrCall("sparcv9", false)).isZero();
    }
}
