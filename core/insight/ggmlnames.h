#pragma once

#include <QString>

namespace Insight {

// ggml's tensor types (ggml.h enum ggml_type): 12 → "Q4_K", 14 → "Q6_K", 0 → "F32"; a
// number ggml never used or removed gives "type 99".
QString ggmlTypeName(quint32 type);

// llama.cpp's file types (llama.h enum llama_ftype, the value of general.file_type), named
// after the enum: 15 → "Q4_K_M", 1 → "F16", 0 → "F32"; "(guessed)" appended for the guessed
// flag (1024); an unknown number gives "file type 99".
QString llamaFileTypeName(quint32 fileType);

}  // namespace Insight
