// libFuzzer target: any bytes as a JSON Lines file, read whole and in pieces.
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  newsdex::fuzz::check_reader(data, size, newsdex::InputFormat::jsonl);
  return 0;
}
