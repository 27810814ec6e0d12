// The adapter interface of the corpus's api spec.
#pragma once
