// libffi glue. Aggregates become FFI_TYPE_STRUCT with one element per scalar
// (arrays expand to their elements, as libffi's documentation recommends),
// so libffi's System V classification matches the C layout of Toy structs.
#include "interp_ffi.h"

#include <dlfcn.h>

namespace tide::core::interp {

ForeignFunctions::ForeignFunctions(const ir::TypeTable& types) : types_(types) {
  // Toy programs resolve externs against the C and math libraries (spec §4);
  // libc is already in the global scope, libm may not be.
  mathLibrary_ = dlopen("libm.so.6", RTLD_NOW | RTLD_GLOBAL);
}

ForeignFunctions::~ForeignFunctions() {
  for (ffi_closure* closure : closures_) ffi_closure_free(closure);
  if (mathLibrary_ != nullptr) dlclose(mathLibrary_);
}

void* ForeignFunctions::resolveSymbol(const std::string& name) {
  if (void* address = dlsym(RTLD_DEFAULT, name.c_str())) return address;
  if (mathLibrary_ != nullptr) return dlsym(mathLibrary_, name.c_str());
  return nullptr;
}

bool ForeignFunctions::appendElements(ir::TypeId type, std::vector<ffi_type*>& elements) {
  const ir::Type& info = types_.get(type);
  if (info.kind == ir::TypeKind::Struct) {
    for (const ir::StructField& field : info.fields)
      if (!appendElements(field.type, elements)) return false;
    return true;
  }
  if (info.kind == ir::TypeKind::Array) {
    for (uint64_t i = 0; i < info.count; ++i)
      if (!appendElements(info.element, elements)) return false;
    return true;
  }
  ffi_type* scalar = ffiTypeOf(type);
  if (scalar == nullptr || scalar == &ffi_type_void) return false;
  elements.push_back(scalar);
  return true;
}

ffi_type* ForeignFunctions::ffiTypeOf(ir::TypeId type) {
  if (type < cache_.size() && cache_[type] != nullptr) return cache_[type];
  ffi_type* result = nullptr;
  const ir::Type& info = types_.get(type);
  switch (info.kind) {
    case ir::TypeKind::Void: result = &ffi_type_void; break;
    case ir::TypeKind::Bool: result = &ffi_type_uint8; break;
    case ir::TypeKind::I8: result = &ffi_type_sint8; break;
    case ir::TypeKind::I16: result = &ffi_type_sint16; break;
    case ir::TypeKind::I32: result = &ffi_type_sint32; break;
    case ir::TypeKind::I64: result = &ffi_type_sint64; break;
    case ir::TypeKind::U8: result = &ffi_type_uint8; break;
    case ir::TypeKind::U16: result = &ffi_type_uint16; break;
    case ir::TypeKind::U32: result = &ffi_type_uint32; break;
    case ir::TypeKind::U64: result = &ffi_type_uint64; break;
    case ir::TypeKind::F64: result = &ffi_type_double; break;
    case ir::TypeKind::Pointer:
    case ir::TypeKind::Function: result = &ffi_type_pointer; break;
    case ir::TypeKind::Struct:
    case ir::TypeKind::Array: {
      if (info.size == 0) return nullptr;  // libffi has no zero-sized types
      std::vector<ffi_type*> elements;
      if (!appendElements(type, elements)) return nullptr;
      elements.push_back(nullptr);
      aggregateElements_.push_back(std::move(elements));
      ffi_type aggregate{};
      aggregate.type = FFI_TYPE_STRUCT;
      aggregate.elements = aggregateElements_.back().data();
      aggregateTypes_.push_back(aggregate);
      result = &aggregateTypes_.back();
      break;
    }
  }
  if (type >= cache_.size()) cache_.resize(type + 1, nullptr);
  cache_[type] = result;
  return result;
}

std::unique_ptr<CallInterface> ForeignFunctions::prepare(
    ir::TypeId signature, const std::vector<ir::TypeId>& argumentTypes, size_t fixedCount) {
  auto interface = std::make_unique<CallInterface>();
  const ir::Type& function = types_.get(signature);
  interface->result = function.result;
  for (ir::TypeId argument : argumentTypes) {
    ffi_type* type = ffiTypeOf(argument);
    if (type == nullptr || type == &ffi_type_void) return interface;  // valid stays false
    interface->argumentTypes.push_back(type);
  }
  ffi_type* resultType = ffiTypeOf(function.result);
  if (resultType == nullptr) return interface;
  const auto count = static_cast<unsigned>(argumentTypes.size());
  ffi_status status;
  if (function.variadic) {
    status = ffi_prep_cif_var(&interface->cif, FFI_DEFAULT_ABI, static_cast<unsigned>(fixedCount),
                              count, resultType, interface->argumentTypes.data());
  } else {
    status = ffi_prep_cif(&interface->cif, FFI_DEFAULT_ABI, count, resultType,
                          interface->argumentTypes.data());
  }
  interface->valid = status == FFI_OK;
  return interface;
}

void* ForeignFunctions::createClosure(CallInterface& interface, ClosureHandler handler,
                                      void* userData) {
  if (!interface.valid) return nullptr;
  void* code = nullptr;
  auto* closure = static_cast<ffi_closure*>(ffi_closure_alloc(sizeof(ffi_closure), &code));
  if (closure == nullptr) return nullptr;
  if (ffi_prep_closure_loc(closure, &interface.cif, handler, userData, code) != FFI_OK) {
    ffi_closure_free(closure);
    return nullptr;
  }
  closures_.push_back(closure);
  return code;
}

}  // namespace tide::core::interp
