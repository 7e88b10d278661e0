/** The program of the lllqos test image: holds a lease and reports its state. */
module io.github.lllqos.docker {
    requires io.github.lllqos;

    exports io.github.lllqos.docker;
}
