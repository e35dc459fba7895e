// C interoperation for the interpreter through libffi: symbol resolution for
// `extern fn`, call interfaces built from IR function types (struct and array
// arguments by value, variadic calls with the promoted argument types), and
// closures that give each Toy function a real host code address, so a Toy
// function value can be handed to C (a qsort comparator) and called back.
#pragma once

#include <ffi.h>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "tide/core/ir.h"

namespace tide::core::interp {

// A prepared libffi call interface; it owns its argument type array.
struct CallInterface {
  ffi_cif cif{};
  std::vector<ffi_type*> argumentTypes;
  ir::TypeId result = ir::kNoType;
  bool valid = false;
};

class ForeignFunctions {
 public:
  explicit ForeignFunctions(const ir::TypeTable& types);
  ~ForeignFunctions();
  ForeignFunctions(const ForeignFunctions&) = delete;
  ForeignFunctions& operator=(const ForeignFunctions&) = delete;

  // The address of a C symbol: the process's global scope first, then the
  // math library (loaded once); nullptr when neither defines it.
  void* resolveSymbol(const std::string& name);

  // A call interface for `signature` (a Function type) with the given actual
  // argument types; for a variadic signature, argumentTypes beyond
  // fixedCount are the promoted types of the `...` arguments.
  std::unique_ptr<CallInterface> prepare(ir::TypeId signature,
                                         const std::vector<ir::TypeId>& argumentTypes,
                                         size_t fixedCount);

  using ClosureHandler = void (*)(ffi_cif*, void* result, void** arguments, void* userData);
  // A host code address that calls `handler(…, userData)` with the
  // arguments of `interface` (which must outlive the closure); nullptr when
  // libffi cannot build one for this signature.
  void* createClosure(CallInterface& interface, ClosureHandler handler, void* userData);

  // The libffi type for an IR type, or nullptr when it has none (void is
  // ffi_type_void; zero-sized aggregates have none).
  ffi_type* ffiTypeOf(ir::TypeId type);

 private:
  bool appendElements(ir::TypeId type, std::vector<ffi_type*>& elements);

  const ir::TypeTable& types_;
  void* mathLibrary_ = nullptr;
  std::deque<ffi_type> aggregateTypes_;
  std::deque<std::vector<ffi_type*>> aggregateElements_;
  std::vector<ffi_type*> cache_;  // by TypeId; filled lazily
  std::vector<ffi_closure*> closures_;
};

}  // namespace tide::core::interp
