"""panelqa: cited question answering over Police and Crime Panel papers."""

import os

# numpy's BLAS on one thread, set before numpy loads (`app` and `eval` import this package
# first). A query's products are matrix-vector products over at most a few hundred MB:
# memory-bound, so a second thread gains nothing, and on a shared 2-core machine OpenBLAS's
# spinning threads made one 9,450-row product 60 ms instead of 3 ms.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
