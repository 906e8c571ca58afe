#include <malloc.h>
#include "CPaceMalloc.h"

int pace_malloc_limit_arenas(int arenas) {
    return arenas < 1 ? 0 : mallopt(M_ARENA_MAX, arenas);
}
