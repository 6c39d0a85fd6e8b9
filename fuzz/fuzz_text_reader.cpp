// libFuzzer target: any bytes as a file in the text format, read whole and in pieces.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::check_reader(data, size, newsdex::InputFormat::text);
  return 0;
}
