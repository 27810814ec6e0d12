// The interface the driver calls; the glue implements it with the student's header.
#pragma once

int AdapterAdd(int a, int b);
